"""Refinement by chat: the edit operations and their parts (see ``pagebuilder.edits`` for applying them)."""
