package seclang

func init() { registerOp("detectSQLi", noArg) }
