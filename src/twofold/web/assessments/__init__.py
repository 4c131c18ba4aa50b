"""Assessments: people answering an instrument, and the reports made from their answers."""
