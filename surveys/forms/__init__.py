"""Forms of surveys: the builder (staff) and the answer form (respondents)."""
