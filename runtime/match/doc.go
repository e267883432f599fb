// Package match evaluates Suricata rules on inspection units: the
// userspace tier's matcher. Compile turns ir rules into per-buffer
// programs and one multi-pattern prefilter per buffer; Match takes a unit
// and the rules its caller found worth trying (by header, flow and
// direction, which this package does not look at) and returns those whose
// matchers all hold.
//
// The semantics are Suricata's content inspection:
//
//   - A rule matches a unit only if every buffer it uses exists in the
//     unit. Transformations apply to a buffer before any of its matchers
//     look at it; each unit transforms each buffer once.
//   - A buffer's matchers run in rule order with a cursor, the end of the
//     last match. content takes offset/depth (absolute, depth counted from
//     offset) or distance/within (from the cursor), startswith, endswith,
//     nocase (ASCII) and negation; a negated relative content means "not
//     in that window". pcre /R searches from the cursor and moves it to the
//     match end, as byte_jump and byte_extract move it.
//   - When a later matcher fails, a content or pcre that a later matcher
//     is relative to is retried at its next occurrence (one byte past the
//     previous start), recursively, at most InspectionLimit matcher
//     evaluations per buffer; a content that is not relative and not found
//     ends the buffer's inspection at once.
//   - byte_extract variables carry from a buffer to the buffers after it;
//     buffers are inspected in the order the rule first uses them.
//   - base64_decode decodes from its buffer and inspects the rule's
//     base64_data matchers on the result right away; their match ends the
//     inspection of the outer buffer with a match.
//   - A pcre on the backtracking engine is bounded three ways: each search
//     by pcre.SearchTimeout, each rule's searches on a unit by RuleBudget,
//     and all of a unit's by UnitBudget. A search that times out or finds
//     a budget spent is no match and ends the rule's retries on that
//     buffer (Suricata's pcre match limit); both are counted (Limits).
//   - dsize applies to packet units only; flags, ttl, itype and icode read
//     the unit's packet.
//
// Rules Compile cannot evaluate faithfully (other languages, stream_size,
// dce byte options, patterns neither regex engine runs, ...) are listed in
// the returned error and never match.
//
// The prefilter takes one pattern per rule: the content marked
// fast_pattern (cut to its offset,length) if it is positive, else the
// rule's longest positive content outside base64_data. Only rules whose
// pattern occurs in its (transformed) buffer, and rules with no positive
// content, are confirmed.
package match
