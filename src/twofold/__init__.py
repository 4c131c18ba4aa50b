"""Twofold: assess leadership and management as two capabilities."""

__version__ = "0.1.0"
