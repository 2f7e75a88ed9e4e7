"""Subrecipients' quarterly performance (PMT) reports and the state's roll-up: aggregates only."""
