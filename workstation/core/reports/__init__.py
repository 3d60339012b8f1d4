"""The writer's own records: a timesheet and work receipts, each signed with the writer's key.

``timesheet`` builds hours per task, day, week and project from the work sessions;
``timesheet_formats`` writes it as CSV, JSON or HTML (the GUI turns the HTML into PDF);
``receipt`` summarises one sealed bundle; ``signed_record`` signs and checks either file.
"""
