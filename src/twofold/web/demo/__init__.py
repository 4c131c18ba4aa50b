"""The demo: a fictional organisation, its people and its 360 campaigns (`serve --demo`)."""
