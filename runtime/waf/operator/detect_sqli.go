package operator

import libinjection "github.com/corazawaf/libinjection-go"

// @detectSQLi runs libinjection's SQL injection test; a capturing match
// puts the SQL fingerprint in TX:0.
func init() {
	register("detectSQLi", func(Spec) (Operator, error) {
		return Func(func(c *Call, v string) bool {
			found, fp := libinjection.IsSQLi(v)
			if found && c.Capture {
				c.Groups[0], c.NGroups = fp, 1
			}
			return found
		}), nil
	})
}
