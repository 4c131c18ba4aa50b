"""The demo organisation's people: forty fictional colleagues in six teams.

Every name, email address and job title here is invented. The org chart is
a chief executive, a chief of staff, five department heads reporting to the
chief executive, two team leads with small teams of their own, and everyone
else reporting to a head or a lead.
"""

from __future__ import annotations

from dataclasses import dataclass

DOMAIN = "harbourvale.example"


@dataclass(frozen=True)
class DemoPerson:
    key: str
    name: str
    team: str
    job_title: str
    manager: str | None  # the manager's key

    @property
    def email(self) -> str:
        return f"{self.key}@{DOMAIN}"


def _people() -> tuple[DemoPerson, ...]:
    rows = [
        # key, name, team, title, manager
        ("amara.osei", "Amara Osei", "Executive", "Chief Executive", None),
        ("noor.haddad", "Noor Haddad", "Executive", "Chief of Staff", "amara.osei"),
        ("daniel.brandt", "Daniel Brandt", "Operations", "Head of Operations", "amara.osei"),
        ("priya.raman", "Priya Raman", "Engineering", "Head of Engineering", "amara.osei"),
        ("lucas.moreau", "Lucas Moreau", "Sales", "Head of Sales", "amara.osei"),
        ("sofia.lindqvist", "Sofia Lindqvist", "Finance", "Head of Finance", "amara.osei"),
        ("hana.kobayashi", "Hana Kobayashi", "People & Culture", "Head of People", "amara.osei"),
        # Operations
        ("kwame.mensah", "Kwame Mensah", "Operations", "Shift Lead", "daniel.brandt"),
        ("ines.carvalho", "Inês Carvalho", "Operations", "Logistics Planner", "daniel.brandt"),
        ("oskar.nowak", "Oskar Nowak", "Operations", "Quality Analyst", "daniel.brandt"),
        ("fatima.zahra", "Fatima Zahra", "Operations", "Procurement Officer", "daniel.brandt"),
        ("liam.byrne", "Liam Byrne", "Operations", "Operations Analyst", "daniel.brandt"),
        ("mei.chen", "Mei Chen", "Operations", "Site Coordinator", "kwame.mensah"),
        ("jonas.weber", "Jonas Weber", "Operations", "Technician", "kwame.mensah"),
        ("aisha.bello", "Aisha Bello", "Operations", "Technician", "kwame.mensah"),
        # Engineering
        ("tomas.silva", "Tomás Silva", "Engineering", "Engineering Lead", "priya.raman"),
        ("grace.liu", "Grace Liu", "Engineering", "Senior Engineer", "priya.raman"),
        ("arjun.mehta", "Arjun Mehta", "Engineering", "Senior Engineer", "priya.raman"),
        ("olga.ivanova", "Olga Ivanova", "Engineering", "Product Designer", "priya.raman"),
        ("samuel.adeyemi", "Samuel Adeyemi", "Engineering", "Data Engineer", "priya.raman"),
        ("chloe.martin", "Chloé Martin", "Engineering", "Engineer", "tomas.silva"),
        ("yusuf.demir", "Yusuf Demir", "Engineering", "Engineer", "tomas.silva"),
        ("leah.cohen", "Leah Cohen", "Engineering", "Engineer", "tomas.silva"),
        # Sales
        ("elena.petrova", "Elena Petrova", "Sales", "Sales Team Lead", "lucas.moreau"),
        ("diego.ramirez", "Diego Ramírez", "Sales", "Account Manager", "lucas.moreau"),
        ("hannah.schmidt", "Hannah Schmidt", "Sales", "Account Manager", "lucas.moreau"),
        ("kofi.asante", "Kofi Asante", "Sales", "Sales Analyst", "lucas.moreau"),
        ("maya.patel", "Maya Patel", "Sales", "Sales Representative", "elena.petrova"),
        ("ben.okoro", "Ben Okoro", "Sales", "Sales Representative", "elena.petrova"),
        ("sara.nilsen", "Sara Nilsen", "Sales", "Sales Representative", "elena.petrova"),
        # Finance
        ("marco.rossi", "Marco Rossi", "Finance", "Financial Controller", "sofia.lindqvist"),
        ("julia.kowalska", "Julia Kowalska", "Finance", "Accountant", "sofia.lindqvist"),
        ("omar.farouk", "Omar Farouk", "Finance", "Financial Analyst", "sofia.lindqvist"),
        ("rebecca.hall", "Rebecca Hall", "Finance", "Payroll Specialist", "sofia.lindqvist"),
        ("tariq.aziz", "Tariq Aziz", "Finance", "Accounts Assistant", "sofia.lindqvist"),
        # People & Culture
        (
            "lena.fischer",
            "Lena Fischer",
            "People & Culture",
            "HR Business Partner",
            "hana.kobayashi",
        ),
        ("ravi.menon", "Ravi Menon", "People & Culture", "Learning Lead", "hana.kobayashi"),
        ("zoe.adams", "Zoe Adams", "People & Culture", "Recruiter", "hana.kobayashi"),
        ("pedro.alves", "Pedro Alves", "People & Culture", "HR Advisor", "hana.kobayashi"),
        ("yara.khalil", "Yara Khalil", "People & Culture", "People Analyst", "hana.kobayashi"),
    ]
    return tuple(DemoPerson(*row) for row in rows)


PEOPLE = _people()
BY_KEY = {p.key: p for p in PEOPLE}

#: The demo administrator (HR): signs in to run the campaigns and read the reports.
ADMIN = "hana.kobayashi"

#: What people in a 360 write, in the words of the demo (all invented).
STRENGTHS = (
    "Explains the reasons behind a decision, so we can act without waiting to be told.",
    "Stays calm when things go wrong and keeps everyone on what matters most.",
    "Plans carefully: deadlines on this team's work are rarely missed.",
    "Makes time for people, even in the busiest weeks.",
    "Willing to try a new approach, and quick to learn from one that fails.",
    "Gives clear priorities when everything seems urgent.",
    "Notices good work and says so, in public.",
)
CHANGES = (
    "Share the longer-term picture more often; we mostly hear about this quarter.",
    "Hand over more of the detail and trust the team to get it right.",
    "Follow up on what was agreed; some good ideas fade after the meeting.",
    "Say no to more requests, so the team can finish what it started.",
    "Give feedback as things happen, not only at review time.",
    "Bring the people doing the work in earlier when plans change.",
    "Write decisions down, so the same question is not settled twice.",
)
DOMAIN_COMMENTS = {
    "direction": "Our goals are clear for the month; where we are heading in two years is not.",
    "alignment": "Roles are well set out, though people are sometimes assigned without asking.",
    "energy": "Progress is reviewed every week, which keeps things moving.",
    "change": "Changes are announced well, but the reasons come later.",
    "improvement": "Good at fixing root causes once a problem is on the table.",
    "risk": "Careful with risk, sometimes to the point of missing a chance.",
    "people": "Coaches well one to one; team-wide direction is less frequent.",
    "influence": "Leads by example: does what they ask of others.",
}
