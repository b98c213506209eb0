"""Research groups and experts of organisations (A1: SMEs are matched to knowledge
institutions and their experts). The models live in `organisations.models`; pages,
services, selectors, matching documents and the bulk import are in this package."""
