"""Signing in as a person does: through the sign-in page, never with a session made for the test."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from playwright.sync_api import Page

PASSWORD = "correct horse battery staple"


def with_password(user: AbstractBaseUser) -> AbstractBaseUser:
    """``user``, with :data:`PASSWORD` as their password."""
    user.set_password(PASSWORD)
    user.save(update_fields=["password"])
    return user


def sign_in(page: Page, email: str, password: str = PASSWORD) -> None:
    """Fill in the sign-in page the browser shows, and send it."""
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
