"""Tests of extraction/."""
