"""The pages of progress reports: reading, submitting, accepting and returning them (`pages`),
and the team's editors of each part (`editors`)."""
