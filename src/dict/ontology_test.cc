#include "dyad/ontology.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace dyad {
namespace {

class OntologyTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto o = Ontology::Load();
    ASSERT_TRUE(o.ok()) << o.status().ToString();
    ont_ = o->release();
  }
  static const Ontology* ont_;
};
const Ontology* OntologyTest::ont_ = nullptr;

TEST_F(OntologyTest, EveryCameoCodeWithItsFacts) {
  EXPECT_EQ(ont_->events().size(), 318u);  // 20 roots + every 3- and 4-digit code of 1.1b3
  const CameoEventInfo* e = ont_->Event("010");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->root, "01");
  EXPECT_EQ(e->base, "010");
  // Codes are strings: "10" is the root DEMAND, "010" a statement, "0100" nothing.
  ASSERT_NE(ont_->Event("10"), nullptr);
  EXPECT_EQ(ont_->Event("10")->name, "DEMAND");
  EXPECT_EQ(ont_->Event("10")->level, 1);
  EXPECT_EQ(ont_->Event("0100"), nullptr);
  e = ont_->Event("0874");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->level, 3);
  EXPECT_EQ(e->base, "087");
  EXPECT_EQ(e->root, "08");
  // The manual's name, not GDELT's label.
  EXPECT_EQ(ont_->Event("106")->name, "Demand meeting, negotiation");
  EXPECT_EQ(ont_->Event("190")->goldstein, -10.0);
}

TEST_F(OntologyTest, GoldsteinTablesDiffer) {
  const CameoEventInfo* e = ont_->Event("016");
  EXPECT_EQ(e->goldstein, -2.0);
  EXPECT_EQ(e->goldstein_icews, -5.0);
  EXPECT_EQ(ont_->Event("164")->goldstein, -7.0);
  EXPECT_EQ(ont_->Event("164")->goldstein_icews, -6.5);
  // Codes missing from GDELT: the parent's value, flagged.
  e = ont_->Event("1213");
  ASSERT_NE(e, nullptr);
  EXPECT_FALSE(e->in_gdelt);
  EXPECT_EQ(e->goldstein, ont_->Event("121")->goldstein);
  for (const char* c : {"1214", "155", "176", "1834", "1951", "1952"}) {
    ASSERT_NE(ont_->Event(c), nullptr) << c;
    EXPECT_FALSE(ont_->Event(c)->in_gdelt) << c;
  }
  EXPECT_TRUE(ont_->Event("036")->in_gdelt);
}

TEST_F(OntologyTest, QuadClassConventions) {
  // GDELT: 01-05 / 06-09 / 10-14 / 15-20, checked for every code.
  for (const auto& e : ont_->events()) {
    int root = std::stoi(e.root);
    int want = root <= 5 ? 1 : root <= 9 ? 2 : root <= 14 ? 3 : 4;
    EXPECT_EQ(e.quad, want) << e.code;
    EXPECT_EQ(ont_->Quad(e.code), want) << e.code;
  }
  EXPECT_EQ(ont_->Quad("090", QuadConvention::kIcews), 3);    // INVESTIGATE moves
  EXPECT_EQ(ont_->Quad("145", QuadConvention::kIcews), 4);    // PROTEST moves
  EXPECT_EQ(ont_->Quad("010", QuadConvention::kPhoenix), 0);  // neutral
  EXPECT_EQ(ont_->Quad("160", QuadConvention::kPhoenix), 3);
  EXPECT_EQ(ont_->Quad("190", QuadConvention::kPlover), 4);
  EXPECT_EQ(ont_->Quad("010", QuadConvention::kPlover), 0);  // PLOVER drops statements
  EXPECT_EQ(ont_->Quad("999"), 0);
}

TEST_F(OntologyTest, PloverMapping) {
  EXPECT_EQ(ont_->Event("036")->plover_event, "AGREE");  // intent to meet
  EXPECT_EQ(ont_->Event("042")->plover_event, "CONSULT");
  EXPECT_EQ(ont_->Event("042")->plover_mode, "visit");
  EXPECT_EQ(ont_->Event("010")->plover_event, "");
  EXPECT_EQ(ont_->Event("163")->plover_event, "COERCE");  // the crosswalk's quirk, kept
  ASSERT_NE(ont_->PloverEvent("SANCTION"), nullptr);
  EXPECT_TRUE(ont_->PloverEvent("SANCTION")->requires_recipient);
  EXPECT_EQ(ont_->plover_events().size(), 16u);
  EXPECT_TRUE(ont_->IsPloverMode("CONSULT", "visit"));
  EXPECT_FALSE(ont_->IsPloverMode("AGREE", "visit"));
  EXPECT_TRUE(ont_->IsPloverContext("military"));
  EXPECT_TRUE(ont_->IsPloverContext("negation"));
  EXPECT_TRUE(ont_->IsPloverSector("JRN"));
  // Every mode and context the crosswalk uses is known (the 175 quirk aside: a context word
  // in the mode slot).
  for (const auto& e : ont_->events()) {
    if (e.plover_event.empty()) continue;
    EXPECT_NE(ont_->PloverEvent(e.plover_event), nullptr) << e.code << " " << e.plover_event;
  }
}

TEST_F(OntologyTest, RolesAndCountries) {
  EXPECT_EQ(ont_->RoleSector("HLH"), "MED");
  EXPECT_EQ(ont_->RoleSector("MED"), "JRN");
  EXPECT_EQ(ont_->RoleSector("GOV"), "GOV");
  EXPECT_EQ(ont_->RoleSector("XYZ"), "");
  EXPECT_EQ(ont_->CameoCountry("ROU"), "ROM");
  EXPECT_EQ(ont_->CameoCountry("MNE"), "MTN");
  EXPECT_EQ(ont_->CameoCountry("TLS"), "TMP");
  EXPECT_EQ(ont_->CameoCountry("USA"), "USA");
  EXPECT_EQ(ont_->CameoCountry("XKX"), "KSV");
  EXPECT_EQ(ont_->Iso3("ROM"), "ROU");
  EXPECT_EQ(ont_->Iso3("SSD"), "SSD");
  EXPECT_EQ(ont_->Iso3("MEA"), "");  // a region
  EXPECT_EQ(ont_->CountryKind("MEA"), "region");
  EXPECT_EQ(ont_->CountryKind("USR"), "historical");
  EXPECT_EQ(ont_->CountryName("ROU"), "Romania");
  EXPECT_EQ(ont_->BlockKind("HMS"), "group");
  EXPECT_EQ(ont_->BlockKind("SHI"), "religion");
  EXPECT_EQ(ont_->BlockKind("KUR"), "ethnic");
}

TEST_F(OntologyTest, ActorCodeValidity) {
  std::string why;
  for (const char* ok : {"USAGOV", "RUSMIL", "IGOUNOREFHCR", "PSEREBHMS", "NGOHRIAMN", "GOV", "MEA",
                         "ISRGOVPTYLKD", "IGOWSTNAT", "KUR"}) {
    EXPECT_TRUE(ont_->CheckActorCode(ok, &why)) << ok << ": " << why;
  }
  EXPECT_FALSE(ont_->CheckActorCode("", &why));
  EXPECT_FALSE(ont_->CheckActorCode("USAGO", &why));
  EXPECT_NE(why.find("3-letter"), std::string::npos) << why;
  EXPECT_FALSE(ont_->CheckActorCode("XQZ", &why));
  EXPECT_NE(why.find("must start"), std::string::npos) << why;
  EXPECT_FALSE(ont_->CheckActorCode("HMSGOV", &why));  // a group never stands first
  EXPECT_FALSE(ont_->CheckActorCode("USAQQQ", &why));
  EXPECT_NE(why.find("'QQQ'"), std::string::npos) << why;
  EXPECT_FALSE(ont_->CheckActorCode("usagov", &why));
  std::set<std::string> composed = {"QQQ"};
  EXPECT_TRUE(ont_->CheckActorCode("USAQQQ", &why, &composed));
}

TEST(OntologyLoadTest, MalformedRowNamesFileAndLine) {
  std::string dir = (std::filesystem::temp_directory_path() / "dyad_ontology_test").string();
  std::filesystem::create_directories(dir);
  std::ofstream(dir + "/cameo_events.tsv") << "# comment\ncode\tname\tgoldstein\tquad\troot\tbase\n"
                                              "010\tMake statement\t0.0\t1\t01\t010\n"
                                              "011\tDecline comment\tminus\t1\t01\t011\n";
  std::ofstream(dir + "/cameo_roles.tsv") << "code\tplover_sector\nGOV\tGOV\n";
  std::ofstream(dir + "/cameo_countries.tsv")
      << "code\tname\tkind\tiso3\nUSA\tUnited States\tcountry\tUSA\n";
  auto o = Ontology::Load(dir);
  ASSERT_FALSE(o.ok());
  EXPECT_NE(o.status().ToString().find("cameo_events.tsv:4: bad goldstein"), std::string::npos)
      << o.status().ToString();
  std::ofstream(dir + "/cameo_events.tsv") << "code\tname\tgoldstein\n";
  o = Ontology::Load(dir);
  ASSERT_FALSE(o.ok());
  EXPECT_NE(o.status().ToString().find("lacks column 'quad'"), std::string::npos)
      << o.status().ToString();
  std::filesystem::remove_all(dir);
  EXPECT_FALSE(Ontology::Load(dir).ok());
}

}  // namespace
}  // namespace dyad
