"""The Twofold web app: a Django project with the questionnaire, reports and the API."""
