"""Tests for moderation: the post screen."""
