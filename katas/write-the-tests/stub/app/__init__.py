"""A small lending library's API: the app your tests are graded against."""
