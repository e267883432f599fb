// Package wafbridge runs SecLang rules (runtime/waf) on the HTTP
// transactions the flow tracker parses: one WAF transaction per HTTP
// transaction, fed the parsed request and response (http.Tx) stage by
// stage, finished when its response body is done, when its flow ends, or
// early when too many are open.
package wafbridge
