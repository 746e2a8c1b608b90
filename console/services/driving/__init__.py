"""Driving and rest time of commercial drivers (Law 36/2024/QH15 art. 64): rules, engine, storage."""
