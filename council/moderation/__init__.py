"""Moderation: screening posts on write (reason codes with matched spans), and later the queue,
reports, mutes and safeguarding."""
