"""iana-ports: a terminal browser for IANA's port and service name registry."""

__version__ = "0.1.0"
