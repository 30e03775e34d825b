"""Checks on 行政规范性文件 pages: metadata fields and their formats, dates,
validity and expiry (one module per check; shared parsing in ``_common``)."""
