"""Reminders and notices: one named rule per kind finds what is due, a tick mails each once.

``rules.py`` holds the rules (given a session and ``now`` they yield ``Due`` notices),
``tick.py`` turns them into ``Notice`` rows and outbox mail in the recipient's language,
``links.py`` signs the link to the one page that acts on a notice, ``recipients.py`` finds who
gets one, ``preferences.py`` keeps each person's language and opt-outs, ``settings.py`` reads
the periods from the environment.
"""
