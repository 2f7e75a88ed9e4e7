"""The funder's reports on subawards: each is ``collect`` (queries) and ``render_*`` (bytes only).

- ``sar``: the Subgrant Award Report of one subaward, laid out field by field for OVC's PMT;
- ``ffata``: the FFATA subaward report's rows for SAM.gov (xlsx and CSV).
"""
