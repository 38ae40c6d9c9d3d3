"""How the learning pages, downloads and the API word what they show: one place for each figure."""
