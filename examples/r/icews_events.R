#!/usr/bin/env Rscript
# Reads the events of a dyad store (the SQLite file `dyad ingest` writes) into a data frame
# shaped like the events of the icews R package: the 20 ICEWS columns in snake_case, plus year
# and yearmonth. One row per deduplicated event, described by its representative mention.
# Needs only DBI and RSQLite (Debian: r-cran-dbi, r-cran-rsqlite). Recipe: doc/r.md.
#
#   Rscript examples/r/icews_events.R events.db              # str() and a monthly summary
#   Rscript examples/r/icews_events.R events.db out.csv      # also write the frame as CSV
#
# The CAMEO event names and country names come from dyad's ontology tables: $DYAD_DATA_DIR,
# else the data/ directory of the source tree this script is in.

suppressPackageStartupMessages({
  library(DBI)
  library(RSQLite)
})

# dyad's data directory: $DYAD_DATA_DIR, else ../../data from this script.
dyad_data_dir <- function() {
  env <- Sys.getenv("DYAD_DATA_DIR")
  if (nzchar(env)) return(env)
  file_arg <- grep("^--file=", commandArgs(trailingOnly = FALSE), value = TRUE)
  here <- if (length(file_arg)) dirname(sub("^--file=", "", file_arg[1])) else "examples/r"
  file.path(here, "..", "..", "data")
}

# A code -> name lookup from one of dyad's ontology tables (TSV after '#' comment lines).
read_ontology <- function(data_dir, file) {
  read.delim(file.path(data_dir, "ontology", file), comment.char = "#", quote = "",
             colClasses = "character", na.strings = character(0))
}

dyad_icews_events <- function(db_path, data_dir = dyad_data_dir()) {
  con <- dbConnect(RSQLite::SQLite(), db_path, flags = RSQLite::SQLITE_RO)
  on.exit(dbDisconnect(con))
  ev <- dbGetQuery(con, "
    SELECT e.id AS event_id, e.event_date,
           COALESCE(NULLIF(m.source_name, ''), m.source_text) AS source_name,
           m.source_sector AS source_sectors, m.source_country,
           m.cameo AS cameo_code, m.goldstein AS intensity,
           COALESCE(NULLIF(m.target_name, ''), m.target_text) AS target_name,
           m.target_sector AS target_sectors, m.target_country,
           a.article_id AS story_id, m.sentence_idx + 1 AS sentence_number,
           a.outlet AS publisher, m.place_text AS city, NULL AS district,
           m.place_admin1 AS province, m.place_country AS country,
           m.lat AS latitude, m.lon AS longitude
    FROM events e
    JOIN mentions m ON m.id = e.representative
    JOIN articles a ON a.id = m.article
    ORDER BY e.event_date, e.id")

  cameo <- read_ontology(data_dir, "cameo_events.tsv")
  countries <- read_ontology(data_dir, "cameo_countries.tsv")
  countries <- countries[countries$kind == "country" & countries$iso3 != "", ]
  country_name <- function(iso3) {
    name <- countries$name[match(iso3, countries$iso3)]
    ifelse(is.na(name), iso3, name)
  }

  ev$event_date <- as.Date(ev$event_date)
  ev$event_text <- cameo$name[match(ev$cameo_code, cameo$code)]
  for (col in c("source_country", "target_country", "country")) {
    ev[[col]] <- country_name(ev[[col]])
  }
  ev$sentence_number <- as.integer(ev$sentence_number)
  ev$district <- as.character(ev$district)
  # Missing values are NA, as in the icews package, not dyad's empty strings.
  for (col in names(ev)) {
    if (is.character(ev[[col]])) ev[[col]][!is.na(ev[[col]]) & ev[[col]] == ""] <- NA
  }
  ev$year <- as.integer(format(ev$event_date, "%Y"))
  ev$yearmonth <- as.integer(format(ev$event_date, "%Y%m"))
  ev[, c("event_id", "event_date", "source_name", "source_sectors", "source_country",
         "event_text", "cameo_code", "intensity", "target_name", "target_sectors",
         "target_country", "story_id", "sentence_number", "publisher", "city", "district",
         "province", "country", "latitude", "longitude", "year", "yearmonth")]
}

main <- function(args) {
  if (length(args) < 1) {
    message("usage: Rscript icews_events.R EVENTS.DB [OUT.CSV]")
    quit(status = 2)
  }
  if (!file.exists(args[1])) {
    message("icews_events.R: no database ", args[1])
    quit(status = 1)
  }
  events <- dyad_icews_events(args[1])
  str(events, give.attr = FALSE, vec.len = 2)
  if (nrow(events) > 0) {
    cat("\nEvents and Goldstein intensity by month:\n")
    print(aggregate(cbind(events = 1, intensity) ~ yearmonth, data = events, FUN = sum))
  }
  if (length(args) >= 2) write.csv(events, args[2], row.names = FALSE)
}

if (!interactive()) main(commandArgs(trailingOnly = TRUE))
