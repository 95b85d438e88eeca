-- What Workday's models leave out of core on purpose: nothing. Every job application and
-- requisition is one core row (see _lineage.yml); applications whose requisition Workday no longer
-- returns stay in core and are counted by the relationships test on core.applications.job_id.
select
  cast(null as text) as connection,
  cast(null as text) as source,
  cast(null as text) as entity,
  cast(null as text) as reason,
  cast(0 as bigint) as records
where false
