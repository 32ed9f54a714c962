//! The e-learning catalogue: the seed's topics (tourism, caring assistance, environment,
//! financing, informatics, management, marketing, negotiations, human resources, languages)
//! plus e-commerce, legal and culture, each course titled in Spanish, Portuguese and English.

use ruta_domain::values::Topic;

/// (topic, hours, Spanish, Portuguese, English title).
#[rustfmt::skip]
pub(crate) const COURSES: &[(Topic, u16, &str, &str, &str)] = &[
    (Topic::Financing, 20, "Contabilidad básica", "Contabilidade básica", "Basic accounting"),
    (Topic::Financing, 20, "Plan de negocio", "Plano de negócios", "Business plan"),
    (Topic::Financing, 20, "Financiación para emprendedores", "Financiamento para empreendedores", "Financing for entrepreneurs"),
    (Topic::Financing, 10, "Crowdfunding paso a paso", "Crowdfunding passo a passo", "Crowdfunding step by step"),
    (Topic::Financing, 20, "Fiscalidad del autónomo", "Fiscalidade do trabalhador independente", "Taxation for the self-employed"),
    (Topic::Financing, 10, "Microcréditos y banca", "Microcrédito e banca", "Microcredit and banking"),
    (Topic::Marketing, 20, "Marketing digital", "Marketing digital", "Digital marketing"),
    (Topic::Marketing, 20, "Redes sociales para tu negocio", "Redes sociais para o seu negócio", "Social media for your business"),
    (Topic::Marketing, 20, "Posicionamiento en buscadores (SEO)", "Otimização para motores de busca (SEO)", "Search engine optimisation (SEO)"),
    (Topic::Marketing, 10, "Marca personal", "Marca pessoal", "Personal branding"),
    (Topic::Marketing, 10, "Fotografía de producto", "Fotografia de produto", "Product photography"),
    (Topic::Marketing, 10, "Email marketing", "Email marketing", "Email marketing"),
    (Topic::ECommerce, 20, "Crea tu tienda online", "Crie a sua loja online", "Build your online shop"),
    (Topic::ECommerce, 20, "Medios de pago en internet", "Meios de pagamento na internet", "Online payment methods"),
    (Topic::ECommerce, 20, "Logística y envíos", "Logística e envios", "Logistics and shipping"),
    (Topic::ECommerce, 20, "Venta en marketplaces", "Vender em marketplaces", "Selling on marketplaces"),
    (Topic::ECommerce, 20, "Comercio electrónico transfronterizo", "Comércio eletrónico transfronteiriço", "Cross-border e-commerce"),
    (Topic::ECommerce, 10, "Atención al cliente online", "Apoio ao cliente online", "Online customer service"),
    (Topic::ECommerce, 10, "Aplicaciones móviles para vender", "Aplicações móveis para vender", "Mobile apps for selling"),
    (Topic::Management, 20, "Gestión de pequeñas empresas", "Gestão de pequenas empresas", "Small business management"),
    (Topic::Management, 10, "Gestión del tiempo", "Gestão do tempo", "Time management"),
    (Topic::Management, 20, "Calidad y mejora continua", "Qualidade e melhoria contínua", "Quality and continuous improvement"),
    (Topic::Management, 20, "Gestión de proyectos", "Gestão de projetos", "Project management"),
    (Topic::Management, 20, "Economía social y cooperativas", "Economia social e cooperativas", "Social economy and cooperatives"),
    (Topic::Informatics, 10, "Informática básica", "Informática básica", "Basic computing"),
    (Topic::Informatics, 20, "Hojas de cálculo", "Folhas de cálculo", "Spreadsheets"),
    (Topic::Informatics, 20, "Diseño web con WordPress", "Design web com WordPress", "Web design with WordPress"),
    (Topic::Informatics, 10, "Seguridad informática", "Segurança informática", "IT security"),
    (Topic::Informatics, 10, "Herramientas en la nube", "Ferramentas na nuvem", "Cloud tools"),
    (Topic::Negotiations, 20, "Técnicas de negociación", "Técnicas de negociação", "Negotiation techniques"),
    (Topic::Negotiations, 20, "Venta consultiva", "Venda consultiva", "Consultative selling"),
    (Topic::Negotiations, 10, "Hablar en público", "Falar em público", "Public speaking"),
    (Topic::HumanResources, 20, "Contratación y nóminas", "Contratação e salários", "Hiring and payroll"),
    (Topic::HumanResources, 20, "Liderazgo de equipos", "Liderança de equipas", "Team leadership"),
    (Topic::HumanResources, 10, "Prevención de riesgos laborales", "Segurança e saúde no trabalho", "Occupational health and safety"),
    (Topic::HumanResources, 10, "Igualdad de oportunidades", "Igualdade de oportunidades", "Equal opportunities at work"),
    (Topic::Languages, 40, "Español para los negocios", "Espanhol para negócios", "Business Spanish"),
    (Topic::Languages, 40, "Portugués para los negocios", "Português para negócios", "Business Portuguese"),
    (Topic::Languages, 40, "Inglés para emprendedores", "Inglês para empreendedores", "English for entrepreneurs"),
    (Topic::Languages, 40, "Inglés comercial avanzado", "Inglês comercial avançado", "Advanced business English"),
    (Topic::Languages, 40, "Español inicial", "Espanhol inicial", "Beginner Spanish"),
    (Topic::Languages, 40, "Portugués inicial", "Português inicial", "Beginner Portuguese"),
    (Topic::Languages, 40, "Inglés inicial", "Inglês inicial", "Beginner English"),
    (Topic::Tourism, 20, "Turismo rural", "Turismo rural", "Rural tourism"),
    (Topic::Tourism, 20, "Alojamientos turísticos", "Alojamento local", "Holiday accommodation"),
    (Topic::Tourism, 20, "Guía turístico", "Guia turístico", "Tour guiding"),
    (Topic::Tourism, 10, "Turismo gastronómico", "Turismo gastronómico", "Food tourism"),
    (Topic::Tourism, 10, "Reservas online", "Reservas online", "Online bookings"),
    (Topic::CaringAssistance, 30, "Atención a personas mayores", "Cuidados a pessoas idosas", "Elderly care"),
    (Topic::CaringAssistance, 30, "Atención a la dependencia", "Apoio à dependência", "Care for dependent people"),
    (Topic::CaringAssistance, 20, "Cuidado infantil", "Cuidados infantis", "Childcare"),
    (Topic::Environment, 20, "Agricultura ecológica", "Agricultura biológica", "Organic farming"),
    (Topic::Environment, 10, "Eficiencia energética", "Eficiência energética", "Energy efficiency"),
    (Topic::Environment, 10, "Economía circular", "Economia circular", "Circular economy"),
    (Topic::Legal, 10, "Formas jurídicas de empresa", "Formas jurídicas de empresa", "Legal forms of business"),
    (Topic::Legal, 20, "Emprender siendo extranjero", "Empreender sendo estrangeiro", "Starting a business as a foreigner"),
    (Topic::Legal, 10, "Protección de datos", "Proteção de dados", "Data protection"),
    (Topic::Legal, 10, "Contratos mercantiles", "Contratos comerciais", "Commercial contracts"),
    (Topic::Culture, 10, "Cultura empresarial ibérica", "Cultura empresarial ibérica", "Iberian business culture"),
    (Topic::Culture, 10, "Comunicación intercultural", "Comunicação intercultural", "Intercultural communication"),
];

/// A course prepared but never published (it does not count among the courses offered).
pub(crate) const DRAFT: (Topic, u16, &str, &str, &str) = (
    Topic::Culture,
    20,
    "Arreglos y costura tradicional",
    "Arranjos e costura tradicional",
    "Traditional mending and sewing",
);

/// Descriptions in the three languages for a course.
pub(crate) fn descriptions(hours: u16, es: &str, pt: &str, en: &str) -> [String; 3] {
    [
        format!(
            "Curso en línea de {hours} horas de Ruta CECE: {es}. Vídeos, documentos y \
             presentaciones preparados por expertos; sin horarios, a tu ritmo. Al terminar \
             haces un examen y, si lo apruebas, obtienes un certificado."
        ),
        format!(
            "Curso online de {hours} horas da Ruta CECE: {pt}. Vídeos, documentos e \
             apresentações preparados por especialistas; sem horários, ao seu ritmo. No fim \
             faz um exame e, se for aprovado, recebe um certificado."
        ),
        format!(
            "A {hours}-hour Ruta CECE online course: {en}. Videos, documents and slides \
             prepared by experts; no timetable, at your own pace. It ends with an exam; pass \
             it to earn a certificate."
        ),
    ]
}
