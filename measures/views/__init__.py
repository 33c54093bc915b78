"""Views of plans and measures: public pages, department reporting, secretariat review and
editing, one module each."""
