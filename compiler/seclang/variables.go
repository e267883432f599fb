package seclang

import (
	"fmt"
	"regexp"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
	syntax "github.com/rulec/rulec/grammar/seclang"
)

var variables = newTable[struct{}]("seclang variable")

func init() {
	for _, name := range []string{
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
	} {
		variables.add(name, struct{}{})
	}
}

// target lowers one variable of a list.
func target(v *syntax.Variable) (ir.SecTarget, *diag.Diagnostic) {
	name, _, ok := variables.lookup(v.Name)
	if !ok {
		return ir.SecTarget{}, &diag.Diagnostic{Pos: v.Pos, Err: fmt.Errorf("variable %q %w", v.Name, diag.ErrUnsupported)}
	}
	t := ir.SecTarget{Collection: name, Key: v.Key, KeyRegex: v.KeyKind == syntax.KeyRegex, Exclude: v.Exclude, Count: v.Count}
	if t.KeyRegex {
		if _, err := regexp.Compile(t.Key); err != nil {
			return t, &diag.Diagnostic{Pos: v.Pos, Err: fmt.Errorf("variable key /%s/: %v: %w", t.Key, err, diag.ErrUnsupported)}
		}
	}
	return t, nil
}
