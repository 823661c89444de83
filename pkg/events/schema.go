package events

import (
	"embed"
	"io/fs"
)

//go:embed schema/*.schema.json
var schemaFiles embed.FS

// Schemas returns the JSON Schemas (draft 2020-12) of the event types, one
// file each: article.schema.json, screened.schema.json, alert.schema.json.
// screened.schema.json refers to article.schema.json by relative $ref.
func Schemas() fs.FS {
	sub, err := fs.Sub(schemaFiles, "schema")
	if err != nil {
		panic(err) // unreachable: the directory is embedded
	}
	return sub
}
