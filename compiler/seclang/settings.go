package seclang

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/rulec/rulec/diag"
	syntax "github.com/rulec/rulec/grammar/seclang"
)

// setting checks the value of an engine setting directive.
type setting func(v string) error

func oneOf(vals ...string) setting {
	return func(v string) error {
		if !slices.ContainsFunc(vals, func(s string) bool { return strings.EqualFold(s, v) }) {
			return fmt.Errorf("want one of %s: %w", strings.Join(vals, ", "), diag.ErrBadValue)
		}
		return nil
	}
}

func number(v string) error {
	if _, err := strconv.ParseUint(v, 10, 64); err != nil {
		return fmt.Errorf("want a number: %w", diag.ErrBadValue)
	}
	return nil
}

func anyValue(string) error { return nil }

var settings = newTable[setting]("seclang setting")

func init() {
	onOff := oneOf("On", "Off")
	for name, check := range map[string]setting{
		"SecRuleEngine":                 oneOf("On", "Off", "DetectionOnly"),
		"SecRequestBodyAccess":          onOff,
		"SecResponseBodyAccess":         onOff,
		"SecRequestBodyLimit":           number,
		"SecRequestBodyNoFilesLimit":    number,
		"SecRequestBodyInMemoryLimit":   number,
		"SecRequestBodyLimitAction":     oneOf("Reject", "ProcessPartial"),
		"SecResponseBodyLimit":          number,
		"SecResponseBodyLimitAction":    oneOf("Reject", "ProcessPartial"),
		"SecResponseBodyMimeType":       anyValue,
		"SecArgumentsLimit":             number,
		"SecArgumentSeparator":          anyValue,
		"SecCookieFormat":               oneOf("0", "1"),
		"SecCollectionTimeout":          number,
		"SecComponentSignature":         anyValue,
		"SecPcreMatchLimit":             number,
		"SecPcreMatchLimitRecursion":    number,
		"SecUnicodeMapFile":             anyValue,
		"SecAuditEngine":                oneOf("On", "Off", "RelevantOnly"),
		"SecAuditLog":                   anyValue,
		"SecAuditLogParts":              anyValue,
		"SecAuditLogRelevantStatus":     anyValue,
		"SecAuditLogType":               oneOf("Serial", "Concurrent", "HTTPS"),
		"SecDebugLog":                   anyValue,
		"SecDebugLogLevel":              number,
		"SecTmpDir":                     anyValue,
		"SecDataDir":                    anyValue,
		"SecStatusEngine":               onOff,
		"SecWebAppId":                   anyValue,
		"SecServerSignature":            anyValue,
		"SecUploadDir":                  anyValue,
		"SecUploadKeepFiles":            oneOf("On", "Off", "RelevantOnly"),
		"SecUploadFileLimit":            number,
		"SecUploadFileMode":             anyValue,
		"SecTmpSaveUploadedFiles":       onOff,
		"SecXmlExternalEntity":          onOff,
		"SecRequestBodyJsonDepthLimit":  number,
		"SecResponseBodyMimeTypesClear": anyValue,
	} {
		settings.add(name, check)
	}
}

// applySetting records an engine setting directive.
func (c *compiler) applySetting(name string, check setting, d *syntax.Directive) []*diag.Diagnostic {
	if len(d.Args) == 0 {
		return []*diag.Diagnostic{diag.Errorf(d.Pos, diag.ErrMissing, "%s: missing value", name)}
	}
	v := d.Args[0].Value
	if name == "SecResponseBodyMimeType" {
		var vals []string
		for _, a := range d.Args {
			vals = append(vals, a.Value)
		}
		v = strings.Join(vals, " ")
	}
	if err := check(v); err != nil {
		return []*diag.Diagnostic{{Pos: d.Args[0].Pos, Err: fmt.Errorf("%s %q: %w", name, v, err)}}
	}
	c.res.Config.Settings[name] = v
	return nil
}
