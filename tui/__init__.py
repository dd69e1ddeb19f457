"""iana-ports: a terminal browser for IANA's Service Name and Transport Protocol Port Number Registry."""

__version__ = "0.1.0"
