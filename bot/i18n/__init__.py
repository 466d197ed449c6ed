"""The team's language: every word the bot and the console say, in English, 简体 or 繁體, per reader."""
