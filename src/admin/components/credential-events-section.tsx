import { keepPreviousData } from "@tanstack/react-query"
import { Button, Container, Heading, Text } from "@medusajs/ui"
import { useState } from "react"
import { useCredentialEvents } from "../hooks/customer-credentials"
import { credentialsLabels } from "../labels/credentials"
import {
  credentialEventSubject,
  describeCredentialEvent,
} from "../lib/credential-events"
import { formatDateTime } from "../lib/format"
import { ListState } from "./list-state"

const labels = credentialsLabels.events
const PAGE_SIZE = 10

/** The customer's login audit trail, newest first, ten at a time. */
export const CredentialEventsSection = ({
  customerId,
}: {
  customerId: string
}) => {
  const [offset, setOffset] = useState(0)
  const { data, isPending, isError, error } = useCredentialEvents(
    customerId,
    { limit: PAGE_SIZE, offset },
    { placeholderData: keepPreviousData }
  )

  const count = data?.count ?? 0
  const events = data?.events ?? []

  return (
    <Container className="divide-y p-0" data-testid="credential-events">
      <div className="flex items-center justify-between px-6 py-4">
        <Heading level="h2">{labels.title}</Heading>
      </div>
      <ListState
        isPending={isPending}
        isError={isError}
        error={error}
        isEmpty={events.length === 0}
        labels={labels}
      >
        <>
          <ol className="divide-y">
            {events.map((event) => (
              <li
                key={event.id}
                className="text-ui-fg-subtle grid grid-cols-2 items-center px-6 py-3"
                data-action={event.action}
              >
                <div className="flex flex-col">
                  <Text
                    size="small"
                    leading="compact"
                    weight="plus"
                    data-testid="credential-event-label"
                  >
                    {describeCredentialEvent(event)}
                  </Text>
                  <Text
                    size="xsmall"
                    leading="compact"
                    className="text-ui-fg-muted"
                    data-testid="credential-event-detail"
                  >
                    {[
                      labels.actors[event.actor_type] ?? event.actor_type,
                      credentialEventSubject(event),
                    ]
                      .filter(Boolean)
                      .join(" · ")}
                  </Text>
                </div>
                <Text size="small" leading="compact">
                  {formatDateTime(event.created_at)}
                </Text>
              </li>
            ))}
          </ol>
          {count > PAGE_SIZE && (
            <div className="flex items-center justify-between px-6 py-3">
              <Text size="small" className="text-ui-fg-muted">
                {labels.range(
                  offset + 1,
                  Math.min(offset + PAGE_SIZE, count),
                  count
                )}
              </Text>
              <div className="flex gap-x-2">
                <Button
                  size="small"
                  variant="secondary"
                  disabled={offset === 0}
                  onClick={() => setOffset(Math.max(offset - PAGE_SIZE, 0))}
                >
                  {labels.previous}
                </Button>
                <Button
                  size="small"
                  variant="secondary"
                  disabled={offset + PAGE_SIZE >= count}
                  onClick={() => setOffset(offset + PAGE_SIZE)}
                >
                  {labels.next}
                </Button>
              </div>
            </div>
          )}
        </>
      </ListState>
    </Container>
  )
}
