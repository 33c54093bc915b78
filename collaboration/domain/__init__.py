"""What a proposal must hold and who stands where, apart from permissions: its sections and
their completeness, a programme's eligibility rules, the sides of a project."""
