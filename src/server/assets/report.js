// The read-only report page needs nothing beyond common.js; kept for page-specific additions.
