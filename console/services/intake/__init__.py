"""The citizen intake: reports of violations and requests for help from a citizen app or hotline.

``schema`` checks a request's JSON, ``images`` the photo, ``limits`` who may call and how often,
``service`` turns an accepted request into a review candidate or an incident, ``server`` is the
HTTP front (``main.py intake serve``). Nothing here imports Qt. docs/intake.md describes the API.
"""
