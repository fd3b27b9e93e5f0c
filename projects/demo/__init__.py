"""The demo's funded projects: their data (`specs`) and how they are made (`seed`)."""
