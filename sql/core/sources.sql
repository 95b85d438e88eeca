-- core.sources: one row per candidate source; source_type is the vendor's own category.
{{ vendor_union('sources', 'connection, source_id, name, source_type') }}
