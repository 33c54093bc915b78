"""Views of surveys, one module per audience: builder (staff), answering, results, exports."""
