"""Pass-through to subrecipients: subawards made from the state's federal awards (2 CFR 200.332)."""
