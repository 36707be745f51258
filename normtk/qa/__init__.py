"""Checking machine-translated copy: findings an editor must act on, and how to render them."""
