/** A bulk job as the admin API shows it (the list of named ids left out). */
export const formatCredentialBulkJob = (job: {
  id: string
  action: string
  status: string
  all_unregistered: boolean
  total: number
  processed: number
  succeeded: number
  failed: number
  errors: unknown
  failure_reason: string | null
  created_by: string | null
  started_at: Date | string | null
  finished_at: Date | string | null
  created_at: Date | string
}) => ({
  id: job.id,
  action: job.action,
  status: job.status,
  all_unregistered: job.all_unregistered,
  total: job.total,
  processed: job.processed,
  succeeded: job.succeeded,
  failed: job.failed,
  errors: (job.errors as { customer_id: string; message: string }[]) ?? [],
  failure_reason: job.failure_reason,
  created_by: job.created_by,
  created_at: job.created_at,
  started_at: job.started_at,
  finished_at: job.finished_at,
})
