"""Red-team suite: hostile submissions graded in every sandbox that can stop them."""
