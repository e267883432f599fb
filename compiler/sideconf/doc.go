// Package sideconf reads Suricata's side files: classification.config
// (classtype names, descriptions and priorities), reference.config
// (reference systems and their URL prefixes) and threshold.config
// (suppress, threshold, event_filter and rate_filter), and applies the
// threshold directives to compiled rules with Suricata's precedence. A bad
// line is a positioned diagnostic (file:line:col); the good lines around
// it still apply.
package sideconf
