"""Bulk import of SRO records from an agency's records system (issue 13, "Getting the data in").

``files`` reads an upload into a tablib ``Dataset``; ``mapping`` turns the agency's columns and codes into ours;
``resources`` are django-import-export ``Resource``s that check and save each row; ``services`` run the dry run and
the import (audited, with provenance); ``coverage`` tells which SROs or months have no records.
"""
