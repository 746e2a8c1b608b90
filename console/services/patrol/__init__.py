"""Patrol-log pieces: file schema, GPS route, consistency checks, violation codes, reports."""
