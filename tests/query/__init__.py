"""Tests of query/."""
