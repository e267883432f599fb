package waf

import (
	"slices"
	"testing"
)

// TestCompilerNames checks that every variable and ctl option the SecLang
// compiler accepts (compiler/seclang/variables.go and act_ctl.go) has an
// entry here.
func TestCompilerNames(t *testing.T) {
	vars := []string{
		"ARGS", "ARGS_GET", "ARGS_POST", "ARGS_NAMES", "ARGS_GET_NAMES", "ARGS_POST_NAMES", "ARGS_COMBINED_SIZE",
		"AUTH_TYPE", "DURATION", "ENV", "FILES", "FILES_COMBINED_SIZE", "FILES_NAMES", "FILES_SIZES", "FILES_TMPNAMES", "FILES_TMP_CONTENT",
		"FULL_REQUEST", "FULL_REQUEST_LENGTH", "GEO", "GLOBAL", "HIGHEST_SEVERITY", "INBOUND_DATA_ERROR", "IP",
		"MATCHED_VAR", "MATCHED_VARS", "MATCHED_VAR_NAME", "MATCHED_VARS_NAMES", "MODSEC_BUILD",
		"MULTIPART_BOUNDARY_QUOTED", "MULTIPART_BOUNDARY_WHITESPACE", "MULTIPART_CRLF_LF_LINES", "MULTIPART_DATA_AFTER",
		"MULTIPART_DATA_BEFORE", "MULTIPART_FILE_LIMIT_EXCEEDED", "MULTIPART_FILENAME", "MULTIPART_HEADER_FOLDING",
		"MULTIPART_INVALID_HEADER_FOLDING", "MULTIPART_INVALID_PART", "MULTIPART_INVALID_QUOTING", "MULTIPART_LF_LINE",
		"MULTIPART_MISSING_SEMICOLON", "MULTIPART_NAME", "MULTIPART_PART_HEADERS", "MULTIPART_STRICT_ERROR",
		"MULTIPART_UNMATCHED_BOUNDARY", "OUTBOUND_DATA_ERROR", "PATH_INFO", "QUERY_STRING", "REMOTE_ADDR", "REMOTE_HOST",
		"REMOTE_PORT", "REMOTE_USER", "REQBODY_ERROR", "REQBODY_ERROR_MSG", "REQBODY_PROCESSOR", "REQBODY_PROCESSOR_ERROR",
		"REQUEST_BASENAME", "REQUEST_BODY", "REQUEST_BODY_LENGTH", "REQUEST_COOKIES", "REQUEST_COOKIES_NAMES",
		"REQUEST_FILENAME", "REQUEST_HEADERS", "REQUEST_HEADERS_NAMES", "REQUEST_LINE", "REQUEST_METHOD",
		"REQUEST_PROTOCOL", "REQUEST_URI", "REQUEST_URI_RAW", "RESOURCE", "RESPONSE_BODY", "RESPONSE_CONTENT_LENGTH",
		"RESPONSE_CONTENT_TYPE", "RESPONSE_HEADERS", "RESPONSE_HEADERS_NAMES", "RESPONSE_PROTOCOL", "RESPONSE_STATUS",
		"RULE", "SERVER_ADDR", "SERVER_NAME", "SERVER_PORT", "SESSION", "SESSIONID", "STATUS_LINE", "TIME", "TIME_DAY",
		"TIME_EPOCH", "TIME_HOUR", "TIME_MIN", "TIME_MON", "TIME_SEC", "TIME_WDAY", "TIME_YEAR", "TX", "UNIQUE_ID",
		"URLENCODED_ERROR", "USER", "USERID", "WEBAPPID", "WEBSERVER_ERROR_LOG", "XML",
	}
	have := variables.Names()
	for _, v := range vars {
		if !slices.Contains(have, v) {
			t.Errorf("variable %s not registered", v)
		}
	}
	opts := []string{
		"auditEngine", "auditLogParts", "debugLogLevel", "forceRequestBodyVariable", "requestBodyAccess",
		"requestBodyLimit", "requestBodyProcessor", "responseBodyAccess", "responseBodyLimit", "ruleEngine",
		"ruleRemoveById", "ruleRemoveByMsg", "ruleRemoveByTag", "ruleRemoveTargetById", "ruleRemoveTargetByMsg",
		"ruleRemoveTargetByTag", "hashEngine", "hashEnforcement",
	}
	slices.Sort(opts)
	if got := ctls.Names(); !slices.Equal(got, opts) {
		t.Errorf("ctl options %v, want %v", got, opts)
	}
}
