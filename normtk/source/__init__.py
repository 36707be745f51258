"""Source-side recognition: entity names in Ukrainian and Russian text, through inflection."""
