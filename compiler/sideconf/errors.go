package sideconf

import "errors"

var (
	// ErrUnknownRule is a directive naming a gid and sid no rule has;
	// Suricata warns and goes on.
	ErrUnknownRule = errors.New("unknown rule")
	// ErrOverridden is a directive that the rule's own threshold or
	// detection_filter takes precedence over, as in Suricata.
	ErrOverridden = errors.New("rule's own setting takes precedence")
)
