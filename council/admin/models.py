"""The admin domain owns no tables of its own.

It manages rows that other parts own: accounts (`council.accounts.models`), settings
(`council.settings`) and audit events (`council.audit`).
"""
