//! Titles and places of programme events.

use ruta_domain::events::programme_event::ProgrammeEventKind;

/// Cities where partners held events: (city, in Portugal, weight).
pub(crate) const CITIES: &[(&str, bool, u32)] = &[
    ("La Palma del Condado", false, 25),
    ("Palos de la Frontera", false, 15),
    ("Lepe", false, 20),
    ("Huelva", false, 10),
    ("Faro", true, 30),
];

const FORUM_THEMES: &[(&str, &str)] = &[
    (
        "fiscalidad del comercio electrónico",
        "fiscalidade do comércio eletrónico",
    ),
    (
        "financiación y crowdfunding",
        "financiamento e crowdfunding",
    ),
    (
        "vender en Portugal y en España",
        "vender em Portugal e Espanha",
    ),
    (
        "protección de datos en tu tienda online",
        "proteção de dados na sua loja online",
    ),
    (
        "trámites para emprendedores extranjeros",
        "burocracia para empreendedores estrangeiros",
    ),
    ("redes sociales y web 2.0", "redes sociais e web 2.0"),
];

const DISCUSSION_THEMES: &[(&str, &str)] = &[
    (
        "primeros pasos de tu negocio",
        "primeiros passos do seu negócio",
    ),
    ("precios y márgenes", "preços e margens"),
    (
        "logística entre Huelva y el Algarve",
        "logística entre Huelva e o Algarve",
    ),
    ("conciliar negocio y familia", "conciliar negócio e família"),
    (
        "clientes al otro lado de la frontera",
        "clientes do outro lado da fronteira",
    ),
];

/// A title for an event of `kind`, in Spanish or Portuguese, varied by `n`.
pub(crate) fn title(kind: ProgrammeEventKind, portuguese: bool, city: &str, n: usize) -> String {
    let pick = |themes: &[(&'static str, &'static str)]| {
        let (es, pt) = themes[n % themes.len()];
        if portuguese {
            pt
        } else {
            es
        }
    };
    match (kind, portuguese) {
        (ProgrammeEventKind::Networking, false) if n.is_multiple_of(3) => {
            format!("Historias de éxito de emprendedores migrantes – {city}")
        }
        (ProgrammeEventKind::Networking, true) if n.is_multiple_of(3) => {
            format!("Histórias de sucesso de empreendedores migrantes – {city}")
        }
        (ProgrammeEventKind::Networking, false) => {
            format!("Encuentro de networking transfronterizo – {city}")
        }
        (ProgrammeEventKind::Networking, true) => {
            format!("Encontro de networking transfronteiriço – {city}")
        }
        (ProgrammeEventKind::Informative, false) => {
            format!("Jornada informativa Ruta CECE – {city}")
        }
        (ProgrammeEventKind::Informative, true) => format!("Sessão informativa Ruta CECE – {city}"),
        (ProgrammeEventKind::ExpertForum, false) => {
            format!("Foro de expertos: {}", pick(FORUM_THEMES))
        }
        (ProgrammeEventKind::ExpertForum, true) => {
            format!("Fórum de especialistas: {}", pick(FORUM_THEMES))
        }
        (ProgrammeEventKind::DiscussionGroup, false) => {
            format!(
                "Grupo de discusión de emprendedores: {}",
                pick(DISCUSSION_THEMES)
            )
        }
        (ProgrammeEventKind::DiscussionGroup, true) => {
            format!(
                "Grupo de discussão de empreendedores: {}",
                pick(DISCUSSION_THEMES)
            )
        }
        (ProgrammeEventKind::Training, false) => {
            format!("Taller presencial de tienda online – {city}")
        }
        (ProgrammeEventKind::Training, true) => {
            format!("Oficina presencial de loja online – {city}")
        }
    }
}
